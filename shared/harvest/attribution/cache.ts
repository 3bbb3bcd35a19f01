import { buildRosterIndex, rosterFingerprint, type RosterIndex } from './roster.ts';
import type { Hit, Roster } from './types.ts';

/**
 * What the check keeps between runs, owned by whoever runs it (the server keeps one per session
 * and drops it with the session): the index of the roster last seen, and each text's hits for
 * that roster, so a re-check after one text changed scans only that text. A new roster starts
 * afresh; texts not seen for a while are let go once there are more than `maxTexts`.
 */
export class AttributionCache {
  #fingerprint = '';
  #index: RosterIndex | null = null;
  readonly #hits = new Map<string, readonly Hit[]>();

  constructor(readonly maxTexts: number) {}

  /** The roster's index, rebuilt (and every text's hits forgotten) when the roster changed. */
  index(roster: Roster): RosterIndex {
    const fingerprint = rosterFingerprint(roster);
    if (this.#index && fingerprint === this.#fingerprint) return this.#index;
    this.#index = buildRosterIndex(roster);
    this.#fingerprint = fingerprint;
    this.#hits.clear();
    return this.#index;
  }

  /** A text's hits for the current roster, scanned once; the least recently used go first. */
  hits(text: string, scan: (text: string) => readonly Hit[]): readonly Hit[] {
    const cached = this.#hits.get(text);
    if (cached) {
      this.#hits.delete(text);
      this.#hits.set(text, cached);
      return cached;
    }
    const hits = scan(text);
    this.#hits.set(text, hits);
    if (this.#hits.size > this.maxTexts) this.#hits.delete(this.#hits.keys().next().value!);
    return hits;
  }

  /** How many texts' hits are kept now (for tests and benchmarks). */
  get size(): number {
    return this.#hits.size;
  }
}

export function createAttributionCache(options: { maxTexts?: number } = {}): AttributionCache {
  return new AttributionCache(options.maxTexts ?? 5_000);
}
